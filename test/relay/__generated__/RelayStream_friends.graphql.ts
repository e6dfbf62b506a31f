/**
 * @generated SignedSource<<e79288dabd5bce469bb7c236fdb83f16>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStream_friends$data = {
  readonly friends: ReadonlyArray<{
    readonly id: string;
    readonly name: string | null | undefined;
  } | null | undefined> | null | undefined;
  readonly " $fragmentType": "RelayStream_friends";
};
export type RelayStream_friends$key = {
  readonly " $data"?: RelayStream_friends$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayStream_friends">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayStream_friends",
  "selections": [
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
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "name",
              "storageKey": null
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

(node as any).hash = "78e933b5608b331fd56202a664fea621";

export default node;
