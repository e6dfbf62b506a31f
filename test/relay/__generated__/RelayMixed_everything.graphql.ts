/**
 * @generated SignedSource<<af997af61f37b8871bac09834c3c42ef>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayMixed_everything$data = {
  readonly friends: ReadonlyArray<{
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_nullable">;
  } | null | undefined> | null | undefined;
  readonly nickname: string | null | undefined;
  readonly slowField: string | null | undefined;
  readonly " $fragmentType": "RelayMixed_everything";
};
export type RelayMixed_everything$key = {
  readonly " $data"?: RelayMixed_everything$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayMixed_everything">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayMixed_everything",
  "selections": [
    {
      "alias": "nickname",
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "slowField",
      "storageKey": null
    },
    {
      "kind": "Stream",
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "Hero",
          "kind": "LinkedField",
          "name": "friends",
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
              "kind": "Defer",
              "selections": [
                {
                  "args": null,
                  "kind": "FragmentSpread",
                  "name": "RelayMixed_nullable"
                }
              ]
            }
          ],
          "storageKey": null
        }
      ]
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "d0ecf45a64c3e211d4940ab896d63f4a";

export default node;
