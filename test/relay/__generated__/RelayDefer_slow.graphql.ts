/**
 * @generated SignedSource<<8f9b692473c618768a0b456a52635247>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayDefer_slow$data = {
  readonly slowField: string | null | undefined;
  readonly " $fragmentType": "RelayDefer_slow";
};
export type RelayDefer_slow$key = {
  readonly " $data"?: RelayDefer_slow$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayDefer_slow">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayDefer_slow",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "slowField",
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};

(node as any).hash = "30ea2ccf57510adb93323e0ed9032207";

export default node;
