import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Switchyard", description: "Content agents with dynamic model routing" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
