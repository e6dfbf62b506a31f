/**
 * @generated SignedSource<<44f38fbf684619d06b02afc5cd264dee>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_root$data = {
  readonly colors: ReadonlyArray<string | null | undefined> | null | undefined;
  readonly hero: {
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined;
  readonly " $fragmentType": "RelayDefer_root";
};
export type RelayDefer_root$key = {
  readonly " $data"?: RelayDefer_root$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_root">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_root",
  "selections": [
    {
      "alias": null,
      "args": null,
      "concreteType": "Hero",
      "kind": "LinkedField",
      "name": "hero",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "id",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "name",
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "colors",
      "storageKey": null
    }
  ],
  "type": "Query",
  "abstractKey": null
};

(node as any).hash = "e1bdd7d55f0838f2542e22f89edb0730";

export default node;
