import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The files the container holds: the standalone build copied out of the repository (as the Dockerfile copies it), so
 * nothing of the checkout (its node_modules, its sources) can be reached by the server. Answers the folder.
 */
export function containerFiles(): string {
  const app = mkdtempSync(path.join(tmpdir(), "arbor-app-"));
  cpSync(path.join(process.cwd(), ".next", "standalone"), app, { recursive: true });
  return app;
}

/**
 * One Arbor instance as the container runs it (`node arbor-server.mjs` in the standalone build, the Dockerfile's
 * CMD), on a shared PostgreSQL; it can be stopped (SIGTERM), killed (SIGKILL) and started again on the same port.
 */
export class Instance {
  private child: ChildProcess | null = null;
  output = "";
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly app: string = path.join(process.cwd(), ".next", "standalone"),
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ["arbor-server.mjs"], {
      cwd: this.app,
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(this.port), ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child.once("exit", (code, signal) => (this.output += `\n[exited: code ${code}, signal ${signal}]\n`));
    await waitUntilReady(this.url, this.child, () => this.output);
  }

  /** SIGKILL: the instance dies at once, mid-stream, leases held. */
  kill(): Promise<void> {
    return this.signal("SIGKILL");
  }

  /** SIGTERM: a graceful stop. */
  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the instance exited:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the instance did not become ready:\n${output()}`);
}

/** nginx from Debian's package, round-robin over the instances, buffering nothing (server-sent events pass through). */
export class Balancer {
  private child: ChildProcess | null = null;
  private output = "";
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly upstreams: readonly number[],
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const dir = mkdtempSync(path.join(tmpdir(), "arbor-nginx-"));
    for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, temp));
    const config = `
      worker_processes 1;
      error_log stderr warn;
      pid ${dir}/nginx.pid;
      daemon off;
      ${process.getuid?.() === 0 ? "user root;" : ""}
      events { worker_connections 1024; }
      http {
        access_log off;
        client_body_temp_path ${dir}/body;
        proxy_temp_path ${dir}/proxy;
        fastcgi_temp_path ${dir}/fastcgi;
        uwsgi_temp_path ${dir}/uwsgi;
        scgi_temp_path ${dir}/scgi;
        upstream arbor { ${this.upstreams.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join(" ")} }
        server {
          listen 127.0.0.1:${this.port};
          client_max_body_size 25m;
          location / {
            proxy_pass http://arbor;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_read_timeout 300s;
            proxy_next_upstream error timeout;
          }
        }
      }`;
    writeFileSync(path.join(dir, "nginx.conf"), config);
    this.child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited:\n${this.output}`);
      try {
        await fetch(`${this.url}/api/health`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`nginx did not start:\n${this.output}`);
  }

  stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}
