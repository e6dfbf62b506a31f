/**
 * @generated SignedSource<<cc73e3935c1ea5a46388e783fb2041a4>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelayReact_waited$data = {
  readonly hero: {
    readonly slowField: string | null | undefined;
  } | null | undefined;
  readonly waited: string | null | undefined;
  readonly " $fragmentType": "RelayReact_waited";
};
export type RelayReact_waited$key = {
  readonly " $data"?: RelayReact_waited$data;
  readonly " $fragmentSpreads": FragmentRefs<"RelayReact_waited">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "RelayReact_waited",
  "selections": [
    {
      "alias": "waited",
      "args": [
        {
          "kind": "Literal",
          "name": "ms",
          "value": 300
        }
      ],
      "kind": "ScalarField",
      "name": "wait",
      "storageKey": "wait(ms:300)"
    },
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
          "name": "slowField",
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Query",
  "abstractKey": null
};

(node as any).hash = "3f43e3be306bbb2a67687e5260735272";

export default node;
