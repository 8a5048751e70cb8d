import { Alert } from "@/components/ui/alert";

const time = (date: Date) => date.toISOString().slice(11, 16) + " UTC";

/** Said on every page of a project whose home service does not answer: why forms are off. */
export function HomeAwayBanner(props: {
  service: string;
  since: Date;
  mirrorService: string;
  mirroredAt: Date | null;
}) {
  return (
    <div data-testid="home-away">
      <Alert tone="warning">
        <p className="font-medium">
          {props.service}, where this project lives, cannot be reached (since {time(props.since)}).
        </p>
        <p>
          {props.mirrorService
            ? `You are reading the copy this instance mirrors on ${props.mirrorService}${props.mirroredAt ? `, current as of ${time(props.mirroredAt)}` : ""}.`
            : "You are reading this instance's cached copy."}{" "}
          It is read-only until {props.service} returns; what was published there meanwhile will
          then appear here by itself.
        </p>
      </Alert>
    </div>
  );
}
