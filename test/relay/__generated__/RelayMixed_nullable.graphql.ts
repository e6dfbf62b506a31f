/**
 * @generated SignedSource<<4409dc73082243d93bbc1ecc3c22b8d6>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixed_nullable$data = {
  readonly failingField: string | null | undefined;
  readonly name: string | null | undefined;
  readonly " $fragmentType": "RelayMixed_nullable";
};
export type RelayMixed_nullable$key = {
  readonly " $data"?: RelayMixed_nullable$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nullable">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_nullable",
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
      "name": "failingField",
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "4fd4bb3054d34beecbaa9ce7f325c19c";

export default node;
