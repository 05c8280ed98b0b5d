import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { dashboardEnv } from "./env";

export interface SessionData {
  userId?: string;
}

/** Sealed, signed, httpOnly cookie sessions (iron-session); nothing but the user id is stored. */
function sessionOptions(): SessionOptions {
  const env = dashboardEnv();
  const isSecure = env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === "true" : env.NODE_ENV === "production";
  return {
    password: env.SESSION_SECRET,
    cookieName: "switchyard_session",
    ttl: 8 * 60 * 60,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: isSecure, path: "/" },
  };
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
