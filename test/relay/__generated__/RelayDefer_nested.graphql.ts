/**
 * @generated SignedSource<<d4e07f8dad41473fe0c19a80259dace8>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_nested$data = {
  readonly name: string | null | undefined;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_slow">;
  readonly " $fragmentType": "RelayDefer_nested";
};
export type RelayDefer_nested$key = {
  readonly " $data"?: RelayDefer_nested$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_nested">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_nested",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "kind": "Defer",
      "selections": [
        {
          "args": null,
          "kind": "FragmentSpread",
          "name": "RelayDefer_slow"
        }
      ]
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "6b214bd32e1aa1beded87d160aad049c";

export default node;
