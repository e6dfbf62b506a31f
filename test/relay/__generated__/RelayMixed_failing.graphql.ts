/**
 * @generated SignedSource<<9b21d1a5d01f86c6a7bffc9395d4bd05>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixed_failing$data = {
  readonly failingNonNull: string;
  readonly name: string | null | undefined;
  readonly " $fragmentType": "RelayMixed_failing";
};
export type RelayMixed_failing$key = {
  readonly " $data"?: RelayMixed_failing$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_failing">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_failing",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "failingNonNull",
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "1ec38a368146e5ee9fcf88efdc35d4f5";

export default node;
