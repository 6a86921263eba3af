import { useState } from "react";
import { Form, useNavigation } from "react-router";
import {
  ARCHITECTURE_CHOICES,
  FORMAT_CHOICES,
  TONE3000_BROWSE_PATH,
  type Tone3000FormatChoice,
  type Tone3000Search,
} from "../lib/tone3000-search";

export interface Tone3000SearchFormProps {
  search: Tone3000Search;
  /** TONE3000's gear types with their labels. */
  gears: { value: string; label: string }[];
  /** TONE3000's model sizes. */
  sizes: string[];
}

/**
 * The TONE3000 search: a GET form, so a search is a link and the back button works. Architecture and size apply to
 * NAM captures only, so they are disabled (and not sent) for IRs.
 */
export function Tone3000SearchForm({ search, gears, sizes }: Tone3000SearchFormProps) {
  const [format, setFormat] = useState<Tone3000FormatChoice>(search.format);
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === TONE3000_BROWSE_PATH;
  const ir = format === "ir";
  return (
    <Form
      method="get"
      action={TONE3000_BROWSE_PATH}
      className="search-form"
      role="search"
      aria-label="TONE3000 search"
      data-testid="tone3000-search-form"
    >
      <label className="search-query" htmlFor="t3k-query">
        Search TONE3000
        <input
          id="t3k-query"
          name="q"
          type="search"
          maxLength={200}
          defaultValue={search.query}
          placeholder="e.g. JCM800, Klon, 4x12"
        />
      </label>
      <div className="grid-fields">
        <label htmlFor="t3k-gear">
          Gear type
          <select id="t3k-gear" name="gear" defaultValue={search.gear}>
            <option value="">Any gear</option>
            {gears.map((gear) => (
              <option key={gear.value} value={gear.value}>
                {gear.label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="t3k-format">
          Format
          <select
            id="t3k-format"
            name="format"
            value={format}
            onChange={(event) => setFormat(event.target.value === "ir" ? "ir" : "nam")}
          >
            {FORMAT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="t3k-architecture">
          Architecture
          <select
            id="t3k-architecture"
            name="architecture"
            defaultValue={search.architecture}
            disabled={ir}
            aria-describedby={ir ? "t3k-nam-only" : undefined}
          >
            {ARCHITECTURE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="t3k-size">
          Size
          <select
            id="t3k-size"
            name="size"
            defaultValue={search.size}
            disabled={ir}
            aria-describedby={ir ? "t3k-nam-only" : undefined}
          >
            <option value="">Any size</option>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
      {ir && (
        <p className="hint" id="t3k-nam-only">
          Architecture and size apply to NAM captures only.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={searching} data-testid="tone3000-search-submit">
          {searching ? "Searching…" : "Search"}
        </button>
      </div>
    </Form>
  );
}
