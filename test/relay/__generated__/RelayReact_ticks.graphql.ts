/**
 * @generated SignedSource<<710e434acaa1999cd0adb88452f1d0f8>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayReact_ticks$data = {
  readonly ticks: ReadonlyArray<number | null | undefined> | null | undefined;
  readonly " $fragmentType": "RelayReact_ticks";
};
export type RelayReact_ticks$key = {
  readonly " $data"?: RelayReact_ticks$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayReact_ticks">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayReact_ticks",
  "selections": [
    {
      "alias": null,
      "args": [
        {
          "kind": "Literal",
          "name": "count",
          "value": 100000
        },
        {
          "kind": "Literal",
          "name": "intervalMs",
          "value": 5
        }
      ],
      "kind": "ScalarField",
      "name": "ticks",
      "storageKey": "ticks(count:100000,intervalMs:5)"
    }
  ],
  "type": "Query",
  "abstractKey": null
};

(node as any).hash = "de691c3f04daacb9686ff6930e08b24b";

export default node;
