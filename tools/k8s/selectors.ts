/** A Kubernetes label selector as NetworkPolicies, Strimzi's listener peers and budgets write it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Whether every label of a plain map (a Service's selector, `matchLabels`) is on the pod. */
export function hasLabels(required: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(required ?? {}).every(([key, value]) => labels[key] === value);
}

/** Whether a label selector selects a pod with these labels; an empty selector selects every pod, as in Kubernetes. */
export function selectsPod(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!hasLabels(selector?.matchLabels, labels)) return false;
  return (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
    }
  });
}
