import type { POWERED_BY_TONE3000 } from "@gts/api/contract";
import { TONE3000_HOME } from "../lib/tone3000-links";

// The contract's wording, checked by type (importing the value would bring the contract's zod into the browser).
const POWERED_BY: typeof POWERED_BY_TONE3000 = "Powered by TONE3000";

/** The branding TONE3000's terms require wherever its content is shown, linking to tone3000.com. */
export function PoweredByTone3000({ className = "" }: { className?: string }) {
  return (
    <p className={`powered-by ${className}`.trim()} data-testid="powered-by-tone3000">
      <a href={TONE3000_HOME} rel="noopener noreferrer">
        {POWERED_BY}
      </a>
    </p>
  );
}
