/**
 * @generated SignedSource<<46f03c21757cda5842be4a9827cb4cf6>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_climate$data = {
  readonly homeWorld: {
    readonly climate: {
      readonly kind: string | null | undefined;
      readonly temperature: number | null | undefined;
    } | null | undefined;
  } | null | undefined;
  readonly " $fragmentType": "RelayDefer_climate";
};
export type RelayDefer_climate$key = {
  readonly " $data"?: RelayDefer_climate$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_climate">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_climate",
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
            },
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "temperature",
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

(node as any).hash = "45b47dc436e3596dc3934beaed154b36";

export default node;
