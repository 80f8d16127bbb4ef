import { useId, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  className?: string;
  testId?: string;
}

/**
 * A button that opens the file picker: a styled label for a visually hidden file input, which
 * keeps the native input's keyboard and screen-reader behaviour (the label shows its focus ring).
 */
export function FilePickButton({ children, onFiles, multiple = true, disabled, className = 'btn', testId }: Props) {
  const id = useId();
  return (
    <>
      {/* The input comes first, so that CSS can draw its focus and disabled state on the label after it. */}
      <input
        id={id}
        className="sr-only file-pick-input"
        type="file"
        multiple={multiple}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          // The same file can be picked again (a retry after fixing it).
          e.target.value = '';
        }}
      />
      <label className={`${className} file-pick`} htmlFor={id}>
        {children}
      </label>
    </>
  );
}
