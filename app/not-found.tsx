import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Nothing here you can see</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400" data-testid="no-access">
        This page does not exist, or its project is members-only and your XMPP account is not a
        member. Ask a project owner to add you, or sign in with another account.
      </p>
      <p className="mt-4">
        <Link href="/" className="font-medium text-accent-600 underline dark:text-accent-300">
          Back to the projects
        </Link>
      </p>
    </div>
  );
}
