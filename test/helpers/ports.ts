import { createServer } from "node:net";

/** A port of 127.0.0.1 that nothing listened on a moment ago: for a server to start on, or to find closed. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
