import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { dashboardEnv } from "./env";

export interface SessionData {
  userId?: string;
  /** When the user signed in (ms): a session is refused after SESSION_TTL_SECONDS whatever its cookie says. */
  issuedAt?: number;
}

export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** True for a session that names a user and was issued within the TTL. */
export function isSessionCurrent(session: SessionData, now = Date.now()): session is Required<SessionData> {
  return (
    Boolean(session.userId) &&
    typeof session.issuedAt === "number" &&
    session.issuedAt <= now &&
    now - session.issuedAt < SESSION_TTL_SECONDS * 1000
  );
}

/** Sealed, signed, httpOnly cookie sessions (iron-session); nothing but the user id is stored. */
function sessionOptions(): SessionOptions {
  const env = dashboardEnv();
  const isSecure = env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === "true" : env.NODE_ENV === "production";
  return {
    password: env.SESSION_SECRET,
    cookieName: "switchyard_session",
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: isSecure, path: "/" },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
