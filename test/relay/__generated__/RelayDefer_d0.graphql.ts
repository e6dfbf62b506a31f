/**
 * @generated SignedSource<<4f0ef5d87404b1927097397054ca16c3>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_d0$data = {
  readonly a: {
    readonly b: {
      readonly c: {
        readonly e: string | null | undefined;
      } | null | undefined;
    } | null | undefined;
  } | null | undefined;
  readonly " $fragmentType": "RelayDefer_d0";
};
export type RelayDefer_d0$key = {
  readonly " $data"?: RelayDefer_d0$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_d0">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_d0",
  "selections": [
    {
      "alias": null,
      "args": null,
      "concreteType": "A",
      "kind": "LinkedField",
      "name": "a",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "B",
          "kind": "LinkedField",
          "name": "b",
          "plural": false,
          "selections": [
            {
              "alias": null,
              "args": null,
              "concreteType": "C",
              "kind": "LinkedField",
              "name": "c",
              "plural": false,
              "selections": [
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "e",
                  "storageKey": null
                }
              ],
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Query",
  "abstractKey": null
};

(node as any).hash = "79617e98f7f9a0dc0c9ba306dec9bd1b";

export default node;
