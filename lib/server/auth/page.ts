import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ArborError } from "@/lib/contracts/errors";
import { principalOf } from "./authorize";
import { actAs, type Principal } from "./context";

/** Who is viewing a page; someone not signed in is sent to the sign-in page. */
export async function pagePrincipal(): Promise<Principal> {
  let principal: Principal | null;
  try {
    principal = await principalOf(await headers());
  } catch (err) {
    if (err instanceof ArborError && err.code === "forbidden") redirect("/sign-in?reason=no-workspace");
    throw err;
  }
  if (!principal) redirect("/sign-in");
  return principal;
}

/** Run a page's reads on behalf of the person viewing it. */
export async function asPageViewer<T>(read: () => Promise<T>): Promise<T> {
  return actAs(await pagePrincipal(), read);
}
