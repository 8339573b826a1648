import networkx as nx

deps = nx.DiGraph()
deps.add_edges_from([("headers", "runtime"), ("proto", "runtime"), ("proto", "agent"),
                     ("runtime", "plugin-tests"), ("agent", "plugin-tests"),
                     ("plugin", "plugin-tests")])
print(f"acyclic {1 if nx.is_directed_acyclic_graph(deps) else 0}")
print("nodes:" + "".join(f" {n}" for n in sorted(deps)))
print("order:" + "".join(f" {step}" for step in nx.topological_sort(deps)))
print("proto feeds:" + "".join(f" {s}" for s in deps.successors("proto")))
print("proto reaches:" + "".join(f" {d}" for d in sorted(nx.descendants(deps, "proto"))))
direct = sum(1 for p in deps.predecessors("plugin-tests") if p)
print(f"plugin-tests waits for {direct} directly, {len(nx.ancestors(deps, 'plugin-tests'))} in all")
