import { describe, expect, it } from "vitest";
import { type CampaignStatus, campaignStatuses } from "./campaign";
import { type CampaignTransition, checkCampaignTransition } from "./campaign-transitions";

const allowed: Record<CampaignTransition, [CampaignStatus, CampaignStatus][]> = {
  schedule: [["draft", "scheduled"]],
  activate: [["scheduled", "active"]],
  close: [["active", "closed"]],
  signOff: [["closed", "signed_off"]],
  cancel: [
    ["draft", "cancelled"],
    ["scheduled", "cancelled"],
    ["active", "cancelled"],
  ],
};

describe("campaign transitions", () => {
  for (const [transition, pairs] of Object.entries(allowed) as [
    CampaignTransition,
    [CampaignStatus, CampaignStatus][],
  ][]) {
    for (const status of campaignStatuses) {
      const pair = pairs.find(([from]) => from === status);
      it(`${transition} from ${status} is ${pair ? `allowed (→ ${pair[1]})` : "refused"}`, () => {
        const check = checkCampaignTransition(status, transition);
        if (pair) expect(check).toEqual({ allowed: true, from: status, to: pair[1] });
        else expect(check.allowed).toBe(false);
      });
    }
  }

  it("names the current status and the statuses that would allow it", () => {
    expect(checkCampaignTransition("signed_off", "close")).toEqual({
      allowed: false,
      from: "signed_off",
      message: "The campaign is signed off; only an active campaign can be closed.",
    });
    const cancel = checkCampaignTransition("closed", "cancel");
    expect(cancel.allowed === false && cancel.message).toBe(
      "The campaign is closed; only a draft, scheduled or active campaign can be cancelled.",
    );
  });

  it("never leaves a terminal status", () => {
    for (const status of ["signed_off", "cancelled"] as const) {
      for (const transition of Object.keys(allowed) as CampaignTransition[]) {
        expect(checkCampaignTransition(status, transition).allowed).toBe(false);
      }
    }
  });
});
