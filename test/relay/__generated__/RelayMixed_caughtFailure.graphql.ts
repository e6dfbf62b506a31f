/**
 * @generated SignedSource<<1855d92a6104f522c086d0859d0ec1df>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs, Result } from "relay-runtime";
export type RelayMixed_caughtFailure$data = {
  readonly failingNonNull: Result<string, unknown>;
  readonly " $fragmentType": "RelayMixed_caughtFailure";
};
export type RelayMixed_caughtFailure$key = {
  readonly " $data"?: RelayMixed_caughtFailure$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_caughtFailure">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_caughtFailure",
  "selections": [
    {
      "kind": "CatchField",
      "field": {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "failingNonNull",
        "storageKey": null
      },
      "to": "RESULT"
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "7bce78c9e48d11cb1d7fc49ca81f50d0";

export default node;
