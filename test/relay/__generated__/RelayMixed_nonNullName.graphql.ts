/**
 * @generated SignedSource<<e6f5be4ab8ec7eea1dea97e9cdfcd5c7>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixed_nonNullName$data = {
  readonly nonNullName: string;
  readonly " $fragmentType": "RelayMixed_nonNullName";
};
export type RelayMixed_nonNullName$key = {
  readonly " $data"?: RelayMixed_nonNullName$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nonNullName">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_nonNullName",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "nonNullName",
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "91b53ad9166b8d1bbf31c3d9d2715be0";

export default node;
