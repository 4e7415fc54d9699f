/**
 * Validates Kubernetes objects against the API's OpenAPI schemas, as compiled by
 * kubernetes-models. Those schemas accept unknown fields (the API server rejects them
 * only under strict field validation), so a misspelt `readinesProbe` would pass; we
 * also report every field the schema never looked at, by watching which properties
 * the compiled validator reads.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';

interface Validatable {
  readonly prototype: { validate(this: unknown): void };
}

/** The kinds our manifests may use, by `apiVersion/kind`. */
export const supportedKinds: ReadonlyMap<string, Validatable> = new Map<string, Validatable>([
  ['apps/v1/Deployment', Deployment],
  ['autoscaling/v2/HorizontalPodAutoscaler', HorizontalPodAutoscaler],
  ['policy/v1/PodDisruptionBudget', PodDisruptionBudget],
  ['v1/ConfigMap', ConfigMap],
  ['v1/PersistentVolumeClaim', PersistentVolumeClaim],
  ['v1/Secret', Secret],
  ['v1/Service', Service],
]);

type Reads = Map<object, Set<PropertyKey>>;

/** A view of `value` that records every property read, at any depth. */
function tracked(value: unknown, reads: Reads, proxies: WeakMap<object, object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const existing = proxies.get(value);
  if (existing) return existing;
  const seen = new Set<PropertyKey>();
  reads.set(value, seen);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      seen.add(key);
      return tracked(Reflect.get(target, key, receiver), reads, proxies);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

function unknownFields(value: unknown, reads: Reads, path: string, found: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => unknownFields(item, reads, `${path}/${index}`, found));
    return;
  }
  const seen = reads.get(value);
  for (const [key, child] of Object.entries(value)) {
    if (!seen?.has(key)) found.push(`${path}/${key}: unknown field`);
    else unknownFields(child, reads, `${path}/${key}`, found);
  }
}

/** Every schema violation and unknown field of one object; empty when it is valid. */
export function kubernetesSchemaErrors(object: unknown): string[] {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return ['not a Kubernetes object'];
  }
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const model = supportedKinds.get(`${String(apiVersion)}/${String(kind)}`);
  if (!model) return [`no schema for apiVersion ${String(apiVersion)} kind ${String(kind)}`];
  const errors: string[] = [];
  const reads: Reads = new Map();
  try {
    model.prototype.validate.call(tracked(object, reads, new WeakMap()));
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  unknownFields(object, reads, '', errors);
  return errors;
}
