import type { ReactNode } from "react";

/** The centred card every signed-out screen sits in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-frame">
      <div className="auth-card">
        <div className="brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width={28} height={28} /> Glider
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
