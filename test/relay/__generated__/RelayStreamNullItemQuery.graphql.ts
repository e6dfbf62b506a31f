/**
 * @generated SignedSource<<19cb1e2fdee6a0d84d82f2c079bca6a7>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
export type RelayStreamNullItemQuery$variables = Record<PropertyKey, never>;
export type RelayStreamNullItemQuery$data = {
  readonly asyncHeroes: ReadonlyArray<{
    readonly id: string;
    readonly nonNullName: string;
  } | null | undefined> | null | undefined;
};
export type RelayStreamNullItemQuery = {
  response: RelayStreamNullItemQuery$data;
  variables: RelayStreamNullItemQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Hero",
    "kind": "LinkedField",
    "name": "asyncHeroes",
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
        "name": "nonNullName",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "RelayStreamNullItemQuery",
    "selections": [
      {
        "kind": "Stream",
        "selections": (v0/*:: as any*/)
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "RelayStreamNullItemQuery",
    "selections": [
      {
        "if": null,
        "kind": "Stream",
        "label": "RelayStreamNullItemQuery$stream$asyncHeroes",
        "selections": (v0/*:: as any*/)
      }
    ]
  },
  "params": {
    "cacheID": "c27f5b3212b28e588bcecc71659ec082",
    "id": null,
    "metadata": {},
    "name": "RelayStreamNullItemQuery",
    "operationKind": "query",
    "text": "query RelayStreamNullItemQuery {\n  asyncHeroes @stream(label: \"RelayStreamNullItemQuery$stream$asyncHeroes\", initialCount: 0) {\n    id\n    nonNullName\n  }\n}\n"
  }
};
})();

(node as any).hash = "a8bc694158b872ac9b7207dbd1e4e166";

export default node;
