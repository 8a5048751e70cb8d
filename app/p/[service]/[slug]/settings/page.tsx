import type { Metadata } from "next";
import type { ReactNode } from "react";
import { MergeStrategiesForm } from "@/components/forge/merge-strategies-form";
import { ModerationButton } from "@/components/forge/moderation/moderation-button";
import { PushMirrorForm } from "@/components/forge/push-mirror-form";
import { RepositoryMirrorStatus } from "@/components/forge/repository-mirror-status";
import { when } from "@/components/wiki/format";
import { isManagedService } from "@/lib/forge/federation/instance";
import { allowedMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { repositoryMirrorView } from "@/lib/forge/repositories/mirror-view";
import { isHostedHere } from "@/lib/forge/repositories/mirrors";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import {
  importIntoHostingAction,
  pushNowAction,
  removePushMirrorAction,
  setPushMirrorAction,
  setThreadRuleAction,
} from "./actions";
import { ThreadRuleForm } from "@/components/forge/thread-rule-form";
import { requiresResolvedThreads } from "@/lib/forge/projects/thread-rule";
import { setMergeStrategiesAction } from "../actions";
import { RequiredApprovalsForm } from "@/components/forge/required-approvals-form";
import { requiredApprovals } from "@/lib/forge/projects/required-approvals";
import { setRequiredApprovalsAction } from "../mr/review-actions";
import { CiBotsForm, RequiredChecksForm } from "@/components/forge/checks/ci-settings-forms";
import { listCiBots } from "@/lib/forge/checks/bots";
import { requiredChecks } from "@/lib/forge/checks/required";
import { allowCiBotAction, removeCiBotAction, setRequiredChecksAction } from "./checks-actions";

export const metadata: Metadata = { title: "Settings" };

const PROSE = "text-sm text-zinc-700 dark:text-zinc-300";

/** One titled part of the page, named by its heading for assistive technology. */
function SettingsSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function SettingsPage({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer } = await loadProject(params);
  if (!viewer || !(await isProjectMaintainer(viewer, project, "trusted-readings"))) {
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="settings-refused">
        Only the project&apos;s owners and maintainers change its settings.{" "}
        {viewer ? "Ask an owner for rights if you should." : "Sign in if you are one."}
      </p>
    );
  }
  const hosted = isHostedHere(project);
  const view = await repositoryMirrorView(project.id);
  const hidden = { projectId: project.id };
  return (
    <div className="max-w-2xl space-y-8">
      <SettingsSection id="merge-strategies" title="Merge strategies">
        <p className={PROSE}>
          How merge requests may land on their target branch. The merge box offers only these, and
          only those that would work at that moment.
        </p>
        <MergeStrategiesForm
          projectId={project.id}
          allowed={[...allowedMergeStrategies(project)]}
          action={setMergeStrategiesAction}
        />
      </SettingsSection>
      <SettingsSection id="approvals" title="Reviews">
        <RequiredApprovalsForm
          projectId={project.id}
          current={requiredApprovals(project)}
          action={setRequiredApprovalsAction}
        />
      </SettingsSection>
      <SettingsSection id="ci" title="CI bots">
        <p className={PROSE}>
          Bots that run tests on each revision of a merge request and publish the outcome as a
          check. Merges can wait for named checks to pass on the current revision.
        </p>
        <CiBotsForm
          projectId={project.id}
          bots={await listCiBots(viewer, project.id)}
          allowAction={allowCiBotAction}
          removeAction={removeCiBotAction}
        />
        <RequiredChecksForm
          projectId={project.id}
          required={requiredChecks(project)}
          action={setRequiredChecksAction}
        />
      </SettingsSection>
      <SettingsSection id="thread-rule" title="Threads">
        <ThreadRuleForm
          projectId={project.id}
          required={requiresResolvedThreads(project)}
          action={setThreadRuleAction}
        />
      </SettingsSection>
      <SettingsSection id="push" title="Push mirror">
        {hosted ? (
          <p className={PROSE}>
            This project&apos;s repository is hosted here: merges land in it directly.
          </p>
        ) : (
          <>
            <p className={PROSE}>
              Merges made here land in this instance&apos;s copy of the repository. With a push
              mirror they are also pushed to the project&apos;s own repository, with a credential of
              yours there. A push never forces: if the upstream moved on, the push fails, is shown,
              and the merge stays here.
            </p>
            {view.push ? (
              <div className="space-y-2 text-sm" data-testid="push-mirror-set">
                <p>
                  Pushing to <span className="break-all font-mono text-xs">{view.push.url}</span>.
                  Credential set{view.push.setAt ? ` on ${when(view.push.setAt)}` : ""} by{" "}
                  {view.push.setBy}.
                </p>
                <div className="flex flex-wrap gap-2">
                  <ModerationButton
                    action={pushNowAction}
                    hidden={hidden}
                    label="Push now"
                    pendingLabel="Pushing…"
                  />
                  <ModerationButton
                    action={removePushMirrorAction}
                    hidden={hidden}
                    label="Remove push mirror"
                    pendingLabel="Removing…"
                    confirm={{
                      question: "Stop pushing merges and forget the credential?",
                      answer: "Remove push mirror",
                    }}
                  />
                </div>
              </div>
            ) : null}
            <RepositoryMirrorStatus view={view} cloneUrl={project.cloneUrl} />
            <PushMirrorForm
              projectId={project.id}
              replacing={view.push !== undefined}
              action={setPushMirrorAction}
            />
          </>
        )}
      </SettingsSection>
      {!hosted && project.cloneUrl && isManagedService(project.service) ? (
        <SettingsSection id="import" title="Host the repository here">
          <p className={PROSE}>
            Copies the repository from its clone URL, with the merges made here, and makes this
            instance its home: the project then names this instance&apos;s address as its clone URL,
            and maintainers push here. Owners only.
          </p>
          <ModerationButton
            action={importIntoHostingAction}
            hidden={hidden}
            label="Host it here"
            pendingLabel="Copying the repository…"
            confirm={{
              question: "Make this instance the repository's home?",
              answer: "Host it here",
            }}
          />
        </SettingsSection>
      ) : null}
    </div>
  );
}
