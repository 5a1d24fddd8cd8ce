import { summarizeInventory } from "../../services/inventory/summarize-inventory";
import { procedureFor, router } from "../../trpc";

export const inventoryRouter = router({
  summary: procedureFor("admin", "auditor", "control_owner").query(({ ctx }) =>
    summarizeInventory(ctx.db),
  ),
});
