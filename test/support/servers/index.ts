export { ACCEPT } from './acceptHeaders.js';
export { startApolloServer, type ApolloServerOptions } from './apolloServer.js';
export { captureResponse, type CaptureOptions, type CapturedResponse, type GraphqlRequestBody, type ReceivedChunk } from './captureResponse.js';
export {
  DEFAULT_FAULT_RECORDING,
  EPILOGUE,
  GARBAGE,
  HTML_ERROR_PAGE,
  faultUrl,
  startFaultServer,
  type Fault,
  type FaultKind,
  type FaultServerOptions,
} from './faultServer.js';
export { startGraphqlJsServer, type GraphqlJsServerOptions } from './graphqlJsServer.js';
export { FRAMING_NAMES, createMultipartWriter, frameParts, type FramingName, type MultipartWriter } from './multipartFraming.js';
export { FORMAT_PARAMETERS, negotiate, parseAccept, type IncrementalFormat } from './negotiate.js';
export { RECORDINGS_DIRECTORY, listRecordings, loadRecording, recordedBody, type Recording } from './recording.js';
export { GRAPHQL_PATH, listenOnLoopback, type RunningServer } from './runningServer.js';
export { countActiveTickSources, serverResolvers, serverTypeDefs } from './serverSchema.js';
export { boundaryOf, splitMultipartBody, splitSseBody } from './splitBody.js';
export { startYogaServer } from './yogaServer.js';
