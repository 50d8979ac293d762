import { OrgParams } from "../../params";
import { page } from "@/lib/domain/common";
import {
  Cluster,
  ClusterDetail,
  ClusterListQuery,
  ClusterPreflight,
  ClusterPreflightInput,
  CreateClusterInput,
  Kubeconfig,
  KubeconfigInput,
  NodePool,
  NodePoolInput,
  UpdateClusterInput,
  UpdateNodePoolInput,
} from "@/lib/domain/clusters";
import { ClusterParams, NodePoolParams } from "@/lib/domain/clusters-api";
import { heldOrAcceptedResponse as heldOrAccepted, operationAcceptedResponse as accepted } from "./long-running";
import type { ApiOperation } from "../types";

// Kubernetes clusters (KaaS), their node pools and kubeconfigs. Every change answers 202 with the
// one public Operation and a Location to follow it (./long-running.ts).

const tag = "Kubernetes clusters";
const path = "/api/v1/orgs/{org}/clusters";
const conflict = { description: "The cluster is not running, or another operation on it is still running" };

export const clusterOperations: ApiOperation[] = [
  { method: "get", path, operationId: "listClusters", summary: "Clusters with status, region, GPUs and cost so far this month; filter, sort, keyset pagination (deleted ones only with status=deleted)", tag, params: OrgParams, query: ClusterListQuery, responses: { 200: { description: "Clusters", schema: page(Cluster) } } },
  { method: "post", path, operationId: "createCluster", summary: "Launch a cluster (long-running). Refused before anything is created when outside the residency policy, over quota or without capacity (details name the field and where capacity is). With `queue` (空き待ち) a launch that does not fit now waits instead: the operation is `queued` until all its nodes fit at once (in order of arrival within the zone), or fails at `queue.deadline` with queue_deadline_passed. When a 稟議 rule applies to its estimated monthly amount, nothing is created: the answer is the approval request (status pending, Location /approval-requests/{id}) and approval.subject/purpose are required", tag, params: OrgParams, body: CreateClusterInput, idempotent: true, responses: { 202: heldOrAccepted, 409: { description: "A live cluster has this name" }, 422: { description: "residency_violation, quota_exceeded or capacity_unavailable" } } },
  { method: "post", path: `${path}/preflight`, operationId: "preflightCluster", summary: "Check a draft without creating anything: price (list and contract, per hour and per 730-hour month), capacity per pool, quota headroom, and every problem with its field", tag, params: OrgParams, body: ClusterPreflightInput, responses: { 200: { description: "What would happen", schema: ClusterPreflight } } },
  { method: "get", path: `${path}/{id}`, operationId: "getCluster", summary: "A cluster with its node pools, nodes and their GPUs (from the control plane), and the operation in flight", tag, params: ClusterParams, responses: { 200: { description: "Cluster", schema: ClusterDetail } } },
  { method: "patch", path: `${path}/{id}`, operationId: "upgradeCluster", summary: "Upgrade Kubernetes by one minor version (long-running)", tag, params: ClusterParams, operationKey: true, body: UpdateClusterInput, responses: { 202: accepted, 409: conflict, 422: { description: "Not the next minor version" } } },
  { method: "delete", path: `${path}/{id}`, operationId: "deleteCluster", summary: "Delete a cluster (long-running); its nodes are drained and released", tag, params: ClusterParams, operationKey: true, responses: { 202: accepted, 409: conflict } },
  { method: "get", path: `${path}/{id}/node-pools`, operationId: "listNodePools", summary: "The cluster's node pools", tag, params: ClusterParams, responses: { 200: { description: "Node pools", schema: page(NodePool) } } },
  { method: "post", path: `${path}/{id}/node-pools`, operationId: "addNodePool", summary: "Add a node pool (long-running)", tag, params: ClusterParams, body: NodePoolInput, idempotent: true, responses: { 202: accepted, 409: conflict, 422: { description: "quota_exceeded or capacity_unavailable" } } },
  { method: "patch", path: `${path}/{id}/node-pools/{poolId}`, operationId: "updateNodePool", summary: "Scale a node pool and/or change its autoscaling bounds (long-running). With `queue` (空き待ち) a scale-up that does not fit now waits (operation `queued`) until all the added nodes fit at once. When a 稟議 rule on node_pool.scale_up applies to what the added nodes cost a month (contract prices), nothing changes: the answer is the approval request (Location /approval-requests/{id}) and approval.subject/purpose are required", tag, params: NodePoolParams, operationKey: true, body: UpdateNodePoolInput, responses: { 202: heldOrAccepted, 409: conflict, 422: { description: "quota_exceeded or capacity_unavailable" } } },
  { method: "delete", path: `${path}/{id}/node-pools/{poolId}`, operationId: "removeNodePool", summary: "Remove a node pool (long-running); a cluster keeps at least one", tag, params: NodePoolParams, operationKey: true, responses: { 202: accepted, 409: conflict } },
  { method: "post", path: `${path}/{id}/kubeconfig`, operationId: "issueKubeconfig", summary: "A short-lived kubeconfig (apiVersion v1, kind Config) with the cluster CA and a bearer token; shown once, audited; developer and above", tag, params: ClusterParams, body: KubeconfigInput, responses: { 201: { description: "The kubeconfig", schema: Kubeconfig }, 403: { description: "Viewers and billing cannot download credentials" }, 409: { description: "The cluster is not running" } } },
];
