import { useId, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import { type AssetKind, uploadAsset } from "../lib/upload-asset";
import { ProgressBar } from "./ProgressBar";

interface UploadItem {
  key: string;
  fileName: string;
  progress: number;
  state: "hashing" | "uploading" | "done" | "refused";
  message: string | null;
}

const ACCEPT: Record<AssetKind, string> = {
  di: ".wav,.wave,.flac,.aif,.aiff,.aifc,audio/*",
  capture: ".nam,application/json",
  ir: ".wav,.wave,.flac,.aif,.aiff,.aifc,audio/*",
};

/** Drop files (or pick them) to upload as `kind`; one progress bar and one outcome per file. */
export function UploadDropzone({ kind, label, hint }: { kind: AssetKind; label: string; hint: string }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const revalidator = useRevalidator();

  const update = (key: string, patch: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  async function upload(files: File[]) {
    const added = files.map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      fileName: file.name,
      progress: 0,
      state: "hashing" as const,
      message: null,
    }));
    setItems((current) => [...added, ...current]);
    await Promise.all(
      files.map(async (file, i) => {
        const key = added[i]?.key ?? "";
        const outcome = await uploadAsset(file, kind, (progress) => update(key, { progress, state: "uploading" }));
        update(key, { state: outcome.ok ? "done" : "refused", message: outcome.message, progress: 1 });
      }),
    );
    revalidator.revalidate();
  }

  return (
    <div className="upload">
      <label
        htmlFor={inputId}
        className={`dropzone${dragging ? " dropzone-active" : ""}`}
        data-testid={`dropzone-${kind}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const files = Array.from(event.dataTransfer.files);
          if (files.length) void upload(files);
        }}
      >
        <span className="dropzone-title">{label}</span>
        <span className="dropzone-hint">{hint}</span>
        <span className="button button-quiet" aria-hidden="true">
          Choose files…
        </span>
      </label>
      <input
        ref={input}
        id={inputId}
        className="visually-hidden-input"
        type="file"
        multiple
        accept={ACCEPT[kind]}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          if (files.length) void upload(files);
          event.currentTarget.value = "";
        }}
      />
      {items.length > 0 && (
        <ul className="upload-list" aria-live="polite">
          {items.map((item) => (
            <li key={item.key} className={`upload-item upload-${item.state}`} data-testid="upload-item">
              <span className="upload-name">{item.fileName}</span>
              <ProgressBar
                value={item.progress}
                label={`Upload of ${item.fileName}`}
                tone={item.state === "refused" ? "error" : item.state === "done" ? "ok" : undefined}
              />
              <span className="upload-state">
                {item.state === "hashing"
                  ? "Preparing…"
                  : item.state === "uploading"
                    ? `${Math.round(item.progress * 100)}%`
                    : item.state === "done"
                      ? (item.message ?? "Uploaded")
                      : "Refused"}
              </span>
              {item.state === "refused" && item.message && (
                <p className="field-error" role="alert">
                  {item.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
