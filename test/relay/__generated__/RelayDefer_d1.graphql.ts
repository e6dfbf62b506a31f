/**
 * @generated SignedSource<<2c8566ce7be4308a4a5cf9a41ee02d1f>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_d1$data = {
  readonly b: {
    readonly c: {
      readonly d: string | null | undefined;
    } | null | undefined;
  } | null | undefined;
  readonly " $fragmentType": "RelayDefer_d1";
};
export type RelayDefer_d1$key = {
  readonly " $data"?: RelayDefer_d1$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_d1">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_d1",
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
              "name": "d",
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "A",
  "abstractKey": null
};

(node as any).hash = "df175fbef3388b7e02540042ce852fd4";

export default node;
