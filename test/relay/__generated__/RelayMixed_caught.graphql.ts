/**
 * @generated SignedSource<<4e7cbe5f071099f39d5c46cfb94094ab>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs, Result } from "relay-runtime";
export type RelayMixed_caught$data = {
  readonly failingField: Result<string | null | undefined, unknown>;
  readonly name: string | null | undefined;
  readonly " $fragmentType": "RelayMixed_caught";
};
export type RelayMixed_caught$key = {
  readonly " $data"?: RelayMixed_caught$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_caught">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_caught",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "kind": "CatchField",
      "field": {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "failingField",
        "storageKey": null
      },
      "to": "RESULT"
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "2159c260786aa21550807fd3124591f7";

export default node;
