import { createServer } from 'node:net';

/**
 * Below Linux's default ephemeral range (32768–60999), so neither an outgoing connection nor another
 * server's `listen(0)` can take the port between this pick and the server's start (the system's pick
 * for port 0 could: a test hub lost one that way while the other jest worker was busy).
 */
const LOW = 20_000;
const HIGH = 32_000;

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port no one listens on now, for a server whose URL others need before it starts. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await tryListen(port)) return port;
  }
}
