/**
 * @generated SignedSource<<7f493170db795d19231d369dd895858a>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_name$data = {
  readonly name: string | null | undefined;
  readonly " $fragmentType": "RelayDefer_name";
};
export type RelayDefer_name$key = {
  readonly " $data"?: RelayDefer_name$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_name">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_name",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "84fe41f16e199090863e2cbed4a8ea99";

export default node;
