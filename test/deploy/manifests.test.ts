/**
 * The Kubernetes manifests: every document valid against the Kubernetes API schemas
 * (no unknown field either), and consistent with each other, with the image
 * (deploy/Dockerfile) and with the environment variables the application reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  commandWords,
  dockerfilePath,
  type ManifestDocument,
  parseDockerfile,
  readManifests,
  repositoryRoot,
} from './deploy-files.js';
import { kubernetesSchemaErrors } from './kubernetes-schema.js';

const manifests = readManifests();

// Loose shapes for reading manifests in tests; the schema check above is the strict one.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = any;

function only(kind: string): ManifestDocument & { object: Loose } {
  const found = manifests.filter((document) => document.object.kind === kind);
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return found[0] as ManifestDocument & { object: Loose };
}

function sourceText(directory: string): string {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'),
    )
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const deployment = only('Deployment').object;
const podSpec = deployment.spec.template.spec;
const container = podSpec.containers[0];
const podLabels: Record<string, string> = deployment.spec.template.metadata.labels;

function selects(selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => podLabels[key] === value);
}

describe('Kubernetes schemas', () => {
  it('finds the expected kinds', () => {
    expect(manifests.map((document) => document.object.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PersistentVolumeClaim',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
  });

  it.each(
    manifests.map((document) => [`${document.file} ${String(document.object.kind)}`, document]),
  )('%s is valid', (_name, document) => {
    expect(kubernetesSchemaErrors(document.object)).toEqual([]);
  });

  it('rejects broken variants: a wrong type, a missing field, a misspelt field, an unknown kind', () => {
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
    expect(kubernetesSchemaErrors(broken).join('\n')).toMatch(/containerPort must be integer/);

    const missing = structuredClone(deployment);
    delete missing.spec.selector;
    expect(kubernetesSchemaErrors(missing).join('\n')).toMatch(/selector/);

    const misspelt = structuredClone(deployment);
    misspelt.spec.template.spec.containers[0].readinesProbe = {
      httpGet: { path: '/ready', port: 8000 },
    };
    expect(kubernetesSchemaErrors(misspelt)).toEqual([
      '/spec/template/spec/containers/0/readinesProbe: unknown field',
    ]);

    const hpa = structuredClone(only('HorizontalPodAutoscaler').object);
    hpa.spec.metrics[0].resource.target.type = 42;
    expect(kubernetesSchemaErrors(hpa)).not.toEqual([]);

    expect(kubernetesSchemaErrors({ apiVersion: 'autoscaling/v1', kind: 'Banana' })).toEqual([
      'no schema for apiVersion autoscaling/v1 kind Banana',
    ]);
    expect(kubernetesSchemaErrors([])).toEqual(['not a Kubernetes object']);
  });
});

describe('the Deployment', () => {
  const ports = new Map<string, number>(
    container.ports.map((port: Loose) => [port.name, port.containerPort]),
  );

  it('probes liveness on /health, readiness on /ready, and start-up, on a declared port', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.startupProbe.httpGet.path).toBe('/health');
    for (const probe of [
      container.livenessProbe,
      container.readinessProbe,
      container.startupProbe,
    ]) {
      expect(
        ports.has(probe.httpGet.port) || [...ports.values()].includes(probe.httpGet.port),
      ).toBe(true);
      expect(probe.timeoutSeconds).toBeGreaterThan(0);
    }
  });

  it('requests and limits CPU and memory', () => {
    for (const kind of ['requests', 'limits']) {
      expect(container.resources[kind].cpu, kind).toBeDefined();
      expect(container.resources[kind].memory, kind).toBeDefined();
    }
  });

  it('runs as non-root with a read-only root filesystem, no privilege escalation and no capabilities', () => {
    expect(podSpec.securityContext.runAsNonRoot).toBe(true);
    expect(podSpec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(podSpec.automountServiceAccountToken).toBe(false);
  });

  it('mounts /tmp from an emptyDir and /data from the claim defined beside it', () => {
    const volumes = new Map<string, Loose>(
      podSpec.volumes.map((volume: Loose) => [volume.name, volume]),
    );
    const mounts = new Map<string, string>(
      container.volumeMounts.map((mount: Loose) => [mount.mountPath, mount.name]),
    );
    expect(volumes.get(mounts.get('/tmp') ?? '')?.emptyDir).toBeDefined();
    const claim = volumes.get(mounts.get('/data') ?? '')?.persistentVolumeClaim?.claimName;
    expect(claim).toBe(only('PersistentVolumeClaim').object.metadata.name);
  });

  it('takes configuration from the ConfigMap and secrets from the Secret', () => {
    const sources = container.envFrom as Loose[];
    expect(sources.map((source) => source.configMapRef?.name).filter(Boolean)).toEqual([
      only('ConfigMap').object.metadata.name,
    ]);
    expect(sources.map((source) => source.secretRef?.name).filter(Boolean)).toEqual([
      only('Secret').object.metadata.name,
    ]);
    expect(container.env).toBeUndefined();
  });

  it('pins an image version', () => {
    expect(container.image).toMatch(/:[\w.-]+$/);
    expect(container.image).not.toMatch(/:latest$/);
  });

  it('starts the server exactly as the image does, on the port the image exposes', () => {
    const dockerfile = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
    const finalStage = Math.max(...dockerfile.map((instruction) => instruction.stage));
    const final = dockerfile.filter((instruction) => instruction.stage === finalStage);
    const command = final.find((instruction) => instruction.keyword === 'CMD');
    expect(container.args).toEqual(commandWords(command?.arguments ?? '[]'));
    expect(container.command).toBeUndefined();
    const exposed = final.find((instruction) => instruction.keyword === 'EXPOSE')?.arguments;
    expect(String(ports.get('http'))).toBe(exposed);
    const user = final.find((instruction) => instruction.keyword === 'USER')?.arguments;
    expect(user).toBe(`${podSpec.securityContext.runAsUser}:${podSpec.securityContext.runAsGroup}`);
  });

  it('never lets two pods share the SQLite volume: Recreate, one replica, autoscaler capped at one', () => {
    const claim = only('PersistentVolumeClaim').object;
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    expect(deployment.spec.replicas).toBe(1);
    expect(only('HorizontalPodAutoscaler').object.spec.maxReplicas).toBe(1);
  });
});

describe('the objects around the Deployment', () => {
  it('the Service selects the pods and targets the named HTTP port', () => {
    const service = only('Service').object;
    expect(selects(service.spec.selector)).toBe(true);
    const names = container.ports.map((port: Loose) => port.name);
    for (const port of service.spec.ports) expect(names).toContain(port.targetPort);
  });

  it('the autoscaler scales the Deployment on CPU with the v2 API', () => {
    const hpa = only('HorizontalPodAutoscaler').object;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: deployment.apiVersion,
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.metrics).toContainEqual(
      expect.objectContaining({
        type: 'Resource',
        resource: expect.objectContaining({ name: 'cpu' }),
      }),
    );
    expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
  });

  it('the disruption budget selects the pods and never blocks a drain of the single pod', () => {
    const budget = only('PodDisruptionBudget').object;
    expect(selects(budget.spec.selector.matchLabels)).toBe(true);
    expect(budget.spec.minAvailable).toBeUndefined();
    expect(budget.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
  });

  it('the Secret is an example in examples/, every value a marked placeholder', () => {
    const secret = only('Secret');
    expect(secret.file).toMatch(/^deploy\/kubernetes\/examples\//);
    const values = Object.values(secret.object.stringData as Record<string, string>);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^REPLACE_ME/);
    expect(secret.object.data).toBeUndefined();
  });

  it('every ConfigMap and Secret key is a variable the application reads', () => {
    const source = sourceText(join(repositoryRoot, 'src'));
    const keys = [
      ...Object.keys(only('ConfigMap').object.data as object),
      ...Object.keys(only('Secret').object.stringData as object),
    ];
    for (const key of keys) {
      expect(key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(source.includes(key), `${key} is read somewhere in src/`).toBe(true);
    }
  });

  it('the ConfigMap puts the data directory on the image volume', () => {
    const dockerfile = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
    const volume = dockerfile.find((instruction) => instruction.keyword === 'VOLUME')?.arguments;
    expect(only('ConfigMap').object.data.ARCHON_HOME).toBe(volume);
    const mounts = container.volumeMounts.map((mount: Loose) => mount.mountPath);
    expect(mounts).toContain(volume);
  });

  it('labels every object as part of archon', () => {
    for (const document of manifests) {
      expect(document.object.metadata, document.file).toMatchObject({
        labels: { 'app.kubernetes.io/name': 'archon' },
      });
    }
  });
});
