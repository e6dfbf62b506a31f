/**
 * @generated SignedSource<<7aee44ae637156f7f3c2a6e04d24105b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayStreamAsyncQuery$variables = Record<PropertyKey, never>;
export type RelayStreamAsyncQuery$data = {
  readonly asyncHeroes: ReadonlyArray<{
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined> | null | undefined;
};
export type RelayStreamAsyncQuery = {
  response: RelayStreamAsyncQuery$data;
  variables: RelayStreamAsyncQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Hero",
    "kind": "LinkedField",
    "name": "asyncHeroes",
    "plural": true,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "id",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "name",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamAsyncQuery",
    "selections": [
      {
        "kind": "Stream",
        "selections": (v0/*:: as any*/)
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayStreamAsyncQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamAsyncQuery$stream$asyncHeroes",
        "selections": (v0/*:: as any*/)
      }
    ]
  },
  "params": {
    "cacheID": "7f621afd04c6dfdb1ec6cc04a5480166",
    "id": null,
    "metadata": {},
    "name": "RelayStreamAsyncQuery",
    "operationKind": "query",
    "text": "query RelayStreamAsyncQuery {\n  asyncHeroes @stream(label: \"RelayStreamAsyncQuery$stream$asyncHeroes\", initialCount: 0) {\n    id\n    name\n  }\n}\n"
  }
};
})();

(node as any).hash = "9721b17fd1632c6c41b1d8020b06c6cb";

export default node;
