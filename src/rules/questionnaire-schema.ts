import * as z from 'zod';
import { conditionSchema, type Condition } from './condition.js';

/**
 * The schema of rules/questionnaire.yaml: the questions of `cdrisk
 * questionnaire`, their order, help lines and branching. The paths are
 * checked against the partnership format by the tests.
 */
export const QUESTION_KINDS = ['text', 'id', 'country', 'confirm', 'select', 'multi', 'number', 'date', 'list', 'section', 'group'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Question {
  id: string;
  /** The step of the interview it belongs to: a key of `steps`. */
  step?: number;
  path: string;
  kind: QuestionKind;
  ask: string;
  why: string;
  required?: boolean;
  choices?: string;
  when?: Condition;
  integer?: boolean;
  min?: number;
  max?: number;
  /** number: words also accepted as an answer (open-ended). */
  words?: string[];
  /** text: the answer must match this regular expression (whole answer); `hint` says what to type. */
  pattern?: string;
  hint?: string;
  /** text: the answer starts with the value of this field and a hyphen (a subdivision of city.country). */
  prefix_of?: string;
  /** Other fields the answer settles, for matching information gaps (agreement.value_eur for agreement.value). */
  fills?: string[];
  /** group: what one item is called, and the question asked before each further item. */
  item?: string;
  again?: string;
  /** section: the value a "no" writes (`none`), so that the file says so rather than leaving the section out. */
  none?: string;
  questions?: Question[];
}

const questionSchema: z.ZodType<Question> = z.lazy(() =>
  z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a question id is kebab-case'),
      step: z.number().int().min(1).optional(),
      path: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a path is dotted snake_case'),
      kind: z.enum(QUESTION_KINDS),
      ask: z.string().min(1),
      why: z.string().min(1),
      required: z.boolean().optional(),
      choices: z
        .string()
        .regex(/^(vocabulary\.[a-z_]+|sectors|mitigations|currencies)$/, 'choices is vocabulary.<enumeration>, sectors, mitigations or currencies')
        .optional(),
      when: conditionSchema.optional(),
      integer: z.boolean().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      words: z.array(z.string().min(1)).min(1).optional(),
      pattern: z.string().min(1).optional(),
      hint: z.string().min(1).optional(),
      prefix_of: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/).optional(),
      fills: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/)).min(1).optional(),
      item: z.string().min(1).optional(),
      again: z.string().min(1).optional(),
      none: z.literal('none').optional(),
      questions: z.array(questionSchema).min(1).optional(),
    })
    .superRefine((q, ctx) => {
      const needsChoices = q.kind === 'select' || q.kind === 'multi';
      if (needsChoices !== (q.choices !== undefined)) {
        ctx.addIssue({ code: 'custom', message: needsChoices ? `a ${q.kind} question needs choices` : `a ${q.kind} question takes no choices` });
      }
      const nested = q.kind === 'section' || q.kind === 'group';
      if (nested !== (q.questions !== undefined)) {
        ctx.addIssue({ code: 'custom', message: nested ? `a ${q.kind} needs questions` : `a ${q.kind} question has no nested questions` });
      }
      if (q.kind === 'group' && (!q.item || !q.again)) ctx.addIssue({ code: 'custom', message: 'a group names its item and asks again' });
    }),
) as z.ZodType<Question>;

export const questionnaireSchema = z
  .strictObject({
    /** The interview's steps, keyed 1, 2, ... in order. */
    steps: z.record(z.string(), z.strictObject({ title: z.string().min(1), intro: z.string().min(1) })),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((q, ctx) => {
    const keys = Object.keys(q.steps);
    if (keys.length === 0 || keys.some((k, i) => k !== String(i + 1))) {
      ctx.addIssue({ code: 'custom', message: `steps are keyed 1, 2, ... in order (got ${keys.join(', ') || 'none'})`, path: ['steps'] });
    }
    q.questions.forEach((question, i) => {
      if (question.step !== undefined && !(String(question.step) in q.steps)) {
        ctx.addIssue({ code: 'custom', message: `step ${question.step} is not one of the steps (${keys.join(', ')})`, path: ['questions', i, 'step'] });
      }
    });
  });

export type Questionnaire = z.infer<typeof questionnaireSchema>;
