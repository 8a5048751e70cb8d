import { findGitdir } from "./repo";

export async function detect(dir: string): Promise<boolean> {
  return (await findGitdir(dir)) !== undefined;
}
