import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/sdk/api-error";
import { OperationFailedError } from "@/lib/sdk/wait";
import { EXIT, exitCodeOf } from "./exit-codes";
import { mergeKubeconfig } from "./kubeconfig-merge";
import { displayWidth, renderTable } from "./output";
import { parse } from "yaml";

describe("CLI tables", () => {
  it("line up Japanese columns by terminal cells, not characters", () => {
    expect(displayWidth("稼働中")).toBe(6);
    expect(displayWidth("running")).toBe(7);
    const lines = renderTable(["名前", "状態", "ゾーン"], [["学習用", "稼働中", "jp-tokyo-1a"], ["train-2", "作成中", "jp-osaka-1a"]]).split("\n");
    const column = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    expect(column(lines[1], "稼働中")).toBe(column(lines[2], "作成中"));
    expect(column(lines[0], "状態")).toBe(column(lines[1], "稼働中"));
  });
});

describe("CLI exit codes", () => {
  it("tell a script what happened", () => {
    expect(exitCodeOf(new ApiError(401, "unauthenticated", "x"))).toBe(EXIT.auth);
    expect(exitCodeOf(new ApiError(403, "forbidden", "x"))).toBe(EXIT.forbidden);
    expect(exitCodeOf(new ApiError(404, "not_found", "x"))).toBe(EXIT.notFound);
    expect(exitCodeOf(new ApiError(422, "quota_exceeded", "x"))).toBe(EXIT.refused);
    expect(exitCodeOf(new ApiError(0, "network", "x"))).toBe(EXIT.unavailable);
    expect(exitCodeOf(new ApiError(503, "control_plane_unavailable", "x"))).toBe(EXIT.unavailable);
    expect(exitCodeOf(new OperationFailedError({ id: "op_1", status: "failed" }))).toBe(EXIT.operationFailed);
  });
});

describe("kubeconfig merge", () => {
  const incoming = "apiVersion: v1\nkind: Config\nclusters:\n- name: hinoki-train\n  cluster: { server: 'https://new:6443' }\nusers:\n- name: hinoki-train\n  user: { token: new }\ncontexts:\n- name: hinoki-train\n  context: { cluster: hinoki-train, user: hinoki-train }\ncurrent-context: hinoki-train\n";
  const existing = "apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: { server: 'https://other:6443' }\n- name: hinoki-train\n  cluster: { server: 'https://old:6443' }\nusers:\n- name: other\n  user: { token: o }\ncontexts:\n- name: other\n  context: { cluster: other, user: other }\ncurrent-context: other\npreferences: {}\n";

  it("replaces entries of the same name, keeps the others and switches context", () => {
    const merged = parse(mergeKubeconfig(existing, incoming, true));
    expect(merged.clusters.map((c: { name: string }) => c.name)).toEqual(["other", "hinoki-train"]);
    expect(merged.clusters[1].cluster.server).toBe("https://new:6443");
    expect(merged["current-context"]).toBe("hinoki-train");
    expect(merged.preferences).toEqual({});
  });

  it("keeps the current context with --no-switch", () => {
    expect(parse(mergeKubeconfig(existing, incoming, false))["current-context"]).toBe("other");
  });
});
