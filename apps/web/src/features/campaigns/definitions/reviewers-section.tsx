import { type ReviewerStrategy, reviewerStrategies } from "@attest/domain/campaigns/campaign";
import { useId } from "react";
import { SelectField } from "@/components/form-fields";
import {
  strategyExplanations,
  strategyLabels,
} from "@/features/campaigns/definitions/definition-labels";
import type { SectionProps } from "@/features/campaigns/definitions/definition-sections";
import {
  CheckboxOption,
  EditorSection,
  FieldGroup,
  type Person,
  PersonSelect,
  RadioOption,
} from "@/features/campaigns/definitions/form-controls";

export function ReviewersSection({
  form,
  update,
  errors,
  reviewers,
}: SectionProps & { reviewers: readonly Person[] }) {
  const strategyName = useId();
  return (
    <EditorSection
      title="Reviewers"
      description="Who reviews each item. Nobody reviews their own access or a non-human identity they own: such items go to that reviewer's manager, or to the fallback reviewer."
    >
      <FieldGroup legend="Reviewer strategy" error={errors.reviewerStrategy}>
        <div className="grid gap-2 md:grid-cols-2">
          {reviewerStrategies.map((strategy) => (
            <RadioOption
              key={strategy}
              name={strategyName}
              value={strategy}
              checked={form.reviewerStrategy === strategy}
              onChange={() => update({ reviewerStrategy: strategy })}
              label={strategyLabels[strategy]}
              description={strategyExplanations[strategy]}
            />
          ))}
        </div>
      </FieldGroup>
      <div className="grid gap-4 sm:grid-cols-2">
        {form.reviewerStrategy === "named" && (
          <PersonSelect
            label="Named reviewer"
            people={reviewers}
            value={form.namedReviewerId}
            onChange={(namedReviewerId) => update({ namedReviewerId })}
            error={errors.namedReviewerId}
            hint="Reviews every item of the campaign."
          />
        )}
        <PersonSelect
          label="Fallback reviewer"
          people={reviewers}
          value={form.fallbackReviewerId}
          onChange={(fallbackReviewerId) => update({ fallbackReviewerId })}
          error={errors.fallbackReviewerId}
          hint="Takes items the strategy finds nobody for (no manager, an owner without a sign-in) and conflicts nobody else can take."
        />
      </div>
      <div className="border-t border-slate-100 pt-4">
        <CheckboxOption
          label="Add a second stage"
          description="Items approved in stage one go to a second reviewer. A revoke in stage one ends the chain."
          checked={form.secondStage}
          onChange={(secondStage) => update({ secondStage })}
        />
        {form.secondStage && (
          <div className="mt-3 grid gap-4 pl-6.5 sm:grid-cols-2">
            <div>
              <SelectField
                label="Second stage reviewer strategy"
                value={form.secondStageStrategy}
                onChange={(value) => update({ secondStageStrategy: value as ReviewerStrategy })}
              >
                {reviewerStrategies.map((strategy) => (
                  <option key={strategy} value={strategy}>
                    {strategyLabels[strategy]}
                  </option>
                ))}
              </SelectField>
              <p className="mt-1 text-xs text-slate-500">
                {strategyExplanations[form.secondStageStrategy]}
              </p>
            </div>
            {form.secondStageStrategy === "named" && (
              <PersonSelect
                label="Second stage named reviewer"
                people={reviewers}
                value={form.secondStageNamedReviewerId}
                onChange={(secondStageNamedReviewerId) => update({ secondStageNamedReviewerId })}
                error={errors["secondStage.namedReviewerId"]}
              />
            )}
          </div>
        )}
      </div>
    </EditorSection>
  );
}
