/**
 * @generated SignedSource<<942bf3e090da0a0212c2a76f58cb5209>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayStream_card$data = {
  readonly homeWorld: {
    readonly name: string | null | undefined;
  } | null | undefined;
  readonly name: string | null | undefined;
  readonly " $fragmentType": "RelayStream_card";
};
export type RelayStream_card$key = {
  readonly " $data"?: RelayStream_card$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayStream_card">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayStream_card",
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "concreteType": "Planet",
      "kind": "LinkedField",
      "name": "homeWorld",
      "plural": false,
      "selections": [
        (v0/*:: as any*/)
      ],
      "storageKey": null
    }
  ],
  "type": "Hero",
  "abstractKey": null
};
})();

(node as any).hash = "144a15263feba39880b2819d9f8aac4e";

export default node;
