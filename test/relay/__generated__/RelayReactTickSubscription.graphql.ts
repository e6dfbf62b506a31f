/**
 * @generated SignedSource<<957bed6f7b19c600adf2ec3c71475fac>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayReactTickSubscription$variables = {
  count: number;
  failAfter?: number | null | undefined;
};
export type RelayReactTickSubscription$data = {
  readonly tick: {
    readonly failing: string | null | undefined;
    readonly n: number;
  } | null | undefined;
};
export type RelayReactTickSubscription = {
  response: RelayReactTickSubscription$data;
  variables: RelayReactTickSubscription$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "count"
  },
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "failAfter"
  }
],
v1 = [
  {
    "alias": null,
    "args": [
      {
        "kind": "Variable",
        "name": "count",
        "variableName": "count"
      },
      {
        "kind": "Variable",
        "name": "failAfter",
        "variableName": "failAfter"
      },
      {
        "kind": "Literal",
        "name": "intervalMs",
        "value": 10
      }
    ],
    "concreteType": "Tick",
    "kind": "LinkedField",
    "name": "tick",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "n",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "failing",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayReactTickSubscription",
    "selections": (v1/*:: as any*/),
    "type": "Subscription",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "RelayReactTickSubscription",
    "selections": (v1/*:: as any*/)
  },
  "params": {
    "cacheID": "e347b2f76bbf0fccc6bbd27b46c9341d",
    "id": null,
    "metadata": {},
    "name": "RelayReactTickSubscription",
    "operationKind": "subscription",
    "text": "subscription RelayReactTickSubscription(\n  $count: Int!\n  $failAfter: Int\n) {\n  tick(count: $count, intervalMs: 10, failAfter: $failAfter) {\n    n\n    failing\n  }\n}\n"
  }
};
})();

(node as any).hash = "43032d9b5792a89f9c73dae2a7a641d3";

export default node;
