/**
 * @generated SignedSource<<b250ed286431e65029628873e9345b7b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_homeWorld$data = {
  readonly homeWorld: {
    readonly climate: {
      readonly kind: string | null | undefined;
    } | null | undefined;
    readonly name: string | null | undefined;
    readonly terrain: string | null | undefined;
  } | null | undefined;
  readonly " $fragmentType": "RelayDefer_homeWorld";
};
export type RelayDefer_homeWorld$key = {
  readonly " $data"?: RelayDefer_homeWorld$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_homeWorld">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_homeWorld",
  "selections": [
    {
      "alias": null,
      "args": null,
      "concreteType": "Planet",
      "kind": "LinkedField",
      "name": "homeWorld",
      "plural": false,
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
          "name": "terrain",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "Climate",
          "kind": "LinkedField",
          "name": "climate",
          "plural": false,
          "selections": [
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "kind",
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "44b0e3adbf2859fbbcbab4c9c3c3629a";

export default node;
