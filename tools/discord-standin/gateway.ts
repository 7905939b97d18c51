/**
 * The gateway: HELLO, IDENTIFY → READY + GUILD_CREATEs, heartbeats, sequence numbers,
 * RESUME with replay, INVALID_SESSION, and Discord's guild → shard routing.
 *
 * One file though long: one WebSocket session state machine; its opcodes share the session's
 * sequence number and replay buffer.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { shardOfGuild, snowflake } from './snowflake.js';
import type { ConnectionInfo, GatewayStats, JsonObject } from './types.js';
import type { World } from './world.js';

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  intents: number;
  seq: number;
  /** Serialized dispatches kept for RESUME replay. */
  log: { seq: number; frame: string }[];
  socket: WebSocket | null;
  invalid: boolean;
  identifiedAt: number;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** The ws:// address handed out as resume_gateway_url. */
  gatewayUrl: () => string;
}

export interface DropOptions {
  /** True: close with a resumable code (the client RESUMEs). False: INVALID_SESSION, the client re-IDENTIFYs. */
  resumable: boolean;
  /** Cut the TCP connection without a close frame instead of closing cleanly. */
  abrupt?: boolean;
  /** Only this shard (default: every connected shard). */
  shardId?: number;
}

const MAX_REPLAY_LOG = 1000;
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_DIRECT_MESSAGES = 1 << 12;

export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Map<string, Session>();
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, invalidSessions: 0, drops: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly world: World,
    private readonly options: GatewayOptions,
  ) {}

  /** While true, new gateway connections are refused (an outage); existing ones are untouched. */
  refusing = false;

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.refusing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  /** Called after every gateway state change; used by waiters. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const params = new URL(request.url ?? '/', 'ws://localhost').searchParams;
    if (params.get('v') !== '10')
      return socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if ((params.get('encoding') ?? 'json') !== 'json')
      return socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
    this.stats.connections++;
    const connection: Connection = { socket, session: null };
    socket.on('message', (data) => {
      try {
        this.onFrame(connection, data);
      } catch (error) {
        console.error('standin gateway: failed to handle a frame', error);
        socket.close(GatewayCloseCodes.UnknownError, 'standin internal error');
      }
    });
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      }),
    );
  }

  private onFrame(connection: Connection, data: RawData): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(data.toString()) as { op?: number; d?: unknown };
    } catch {
      return connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return connection.socket.send(`{"op":${GatewayOpcodes.HeartbeatAck}}`);
      case GatewayOpcodes.Identify:
        return this.identify(connection, (payload.d ?? {}) as JsonObject);
      case GatewayOpcodes.Resume:
        return this.resume(connection, (payload.d ?? {}) as JsonObject);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        return;
      default:
        return connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
    }
  }

  private onClose(connection: Connection, code: number): void {
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // A client closing with 1000/1001 ends its session, as on Discord.
    if (code === 1000 || code === 1001) this.invalidate(session);
    this.changed();
  }

  private identify(connection: Connection, d: JsonObject): void {
    const { socket } = connection;
    if (connection.session) {
      return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
    }
    if (d.token !== this.options.token) {
      return socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    }
    const [shardId, shardCount] = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
    if (shardId === undefined || shardCount === undefined || shardId < 0 || shardId >= shardCount) {
      return socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard');
    }
    const session = this.openSession(
      socket,
      shardId,
      shardCount,
      typeof d.intents === 'number' ? d.intents : 0,
    );
    connection.session = session;
    this.stats.identifies++;
    const guilds = [...this.world.guilds.values()].filter((g) => shardOfGuild(g.id, shardCount) === shardId);
    this.send(
      session,
      'READY',
      this.readyPayload(
        session,
        guilds.map((g) => g.id),
      ),
    );
    for (const guild of guilds) this.send(session, 'GUILD_CREATE', this.world.guildCreateJson(guild));
    this.changed();
  }

  private openSession(socket: WebSocket, shardId: number, shardCount: number, intents: number): Session {
    const session: Session = {
      id: snowflake().slice(-12) + Math.random().toString(36).slice(2, 10),
      shardId,
      shardCount,
      intents,
      seq: 0,
      log: [],
      socket,
      invalid: false,
      identifiedAt: Date.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** READY lists the shard's guilds as unavailable; a GUILD_CREATE for each follows. */
  private readyPayload(session: Session, guildIds: string[]): JsonObject {
    return {
      v: 10,
      user: this.world.userJson(this.world.bot),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.options.gatewayUrl(),
      shard: [session.shardId, session.shardCount],
      application: { id: this.world.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['standin'],
    };
  }

  private resume(connection: Connection, d: JsonObject): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const oldest = session?.log[0]?.seq ?? (session ? session.seq + 1 : 0);
    if (!session || session.invalid || d.token !== this.options.token || seq < oldest - 1) {
      this.stats.invalidSessions++;
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    session.socket = connection.socket;
    connection.session = session;
    this.stats.resumes++;
    for (const entry of session.log) if (entry.seq > seq) connection.socket.send(entry.frame);
    this.send(session, 'RESUMED', { _trace: ['standin'] });
    this.changed();
  }

  /** The session can no longer be resumed; it is forgotten. */
  private invalidate(session: Session): void {
    session.invalid = true;
    this.sessions.delete(session.id);
  }

  private send(session: Session, event: string, data: JsonObject): void {
    this.sendSerialized(session, event, JSON.stringify(data));
  }

  private sendSerialized(session: Session, event: string, dataJson: string): void {
    session.seq++;
    const frame = `{"op":0,"t":"${event}","s":${session.seq},"d":${dataJson}}`;
    session.log.push({ seq: session.seq, frame });
    if (session.log.length > MAX_REPLAY_LOG * 2) session.log.splice(0, MAX_REPLAY_LOG);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
  }

  private sessionsOwning(guildId: string | null): Session[] {
    const owning: Session[] = [];
    for (const session of this.sessions.values()) {
      if (session.invalid) continue;
      const shard = guildId === null ? 0 : shardOfGuild(guildId, session.shardCount);
      if (shard === session.shardId) owning.push(session);
    }
    return owning;
  }

  /** Sends to every live session owning the guild (DMs: shard 0). Returns how many got it. */
  broadcast(guildId: string | null, event: string, data: JsonObject): number {
    const sessions = this.sessionsOwning(guildId);
    if (sessions.length === 0) return 0;
    const json = JSON.stringify(data);
    for (const session of sessions) this.sendSerialized(session, event, json);
    return sessions.length;
  }

  /** Sends to one session, as Discord does for interactions: a connected one first, else the newest resumable one. */
  dispatchOnce(guildId: string | null, event: string, data: JsonObject): boolean {
    const sessions = this.sessionsOwning(guildId);
    const best = sessions.sort(
      (a, b) => Number(b.socket !== null) - Number(a.socket !== null) || b.identifiedAt - a.identifiedAt,
    )[0];
    if (!best) return false;
    this.send(best, event, data);
    return true;
  }

  /** MESSAGE_CREATE only reaches sessions that asked for message intents. */
  dispatchMessageCreate(guildId: string | null, message: JsonObject): void {
    const intent = guildId ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES;
    const json = JSON.stringify(guildId ? { ...message, guild_id: guildId } : message);
    for (const session of this.sessionsOwning(guildId)) {
      if (session.intents & intent) this.sendSerialized(session, 'MESSAGE_CREATE', json);
    }
  }

  drop(options: DropOptions): number {
    let dropped = 0;
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      if (!socket || session.invalid) continue;
      if (options.shardId !== undefined && session.shardId !== options.shardId) continue;
      dropped++;
      if (options.resumable) {
        session.socket = null;
        if (options.abrupt) socket.terminate();
        else socket.close(GatewayCloseCodes.UnknownError, 'Unknown error');
      } else {
        this.invalidate(session);
        session.socket = null;
        if (options.abrupt) socket.terminate();
        else socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      }
    }
    this.stats.drops += dropped;
    this.changed();
    return dropped;
  }

  get connections(): ConnectionInfo[] {
    return [...this.sessions.values()]
      .filter((s) => !s.invalid)
      .map((s) => ({
        sessionId: s.id,
        shardId: s.shardId,
        shardCount: s.shardCount,
        open: s.socket !== null,
      }));
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }
}
