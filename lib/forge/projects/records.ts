import type { ProjectRecord } from "@/lib/cache/projects";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { xmlString } from "@/lib/xmpp/xml-string";
import type { ProjectInfo } from "./codec";

export function projectRecord(
  service: string,
  slug: string,
  info: ProjectInfo,
  item: PubsubItem,
  accessModel: string = info.access,
): ProjectRecord {
  return {
    id: `${service}/${slug}`,
    service,
    slug,
    name: info.name,
    description: info.description,
    scm: info.scm,
    cloneUrl: info.cloneUrl,
    defaultBranch: info.defaultBranch,
    accessModel,
    repositoryHost: info.repositoryHost,
    rawXml: xmlString(item.element),
  };
}
