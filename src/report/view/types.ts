/**
 * The report laid out once, format-neutral: each renderer (text, HTML, Block Kit) walks the same
 * sections, so the wording is written once and only escaping and cutting differ. Strings here
 * are NOT escaped.
 */
export interface ListView {
  label: string;
  items: string[];
  /** How many there are in all; more than `items.length` when the report itself was cut. */
  total: number;
  /** A list that means something is wrong (down nodes, failures, open alerts): drawn to catch the eye. */
  alarming?: boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export interface SectionView {
  title: string;
  /** The section's one line: read this and you know whether to read on. */
  summary: string;
  facts: Fact[];
  lists: ListView[];
}

export interface ReportView {
  title: string;
  headline: string;
  window: string;
  sections: SectionView[];
}
