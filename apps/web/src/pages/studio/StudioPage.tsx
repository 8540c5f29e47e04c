import { Link, Route, Routes } from 'react-router';
import { EditDesign } from './EditDesign';
import { MyDesigns } from './MyDesigns';
import { NewDesign } from './NewDesign';

/** The design studio: my designs (`/studio`), a new design or remix (`/studio/new`), a draft's editor (`/studio/:id/edit`). */
export function StudioPage() {
  return (
    <Routes>
      <Route index element={<MyDesigns />} />
      <Route path="new" element={<NewDesign />} />
      <Route path=":id/edit" element={<EditDesign />} />
      <Route path="*" element={<StudioNotFound />} />
    </Routes>
  );
}

function StudioNotFound() {
  return (
    <section aria-labelledby="studio-missing-title">
      <h1 id="studio-missing-title">Nothing here</h1>
      <p>
        That studio page does not exist. <Link to="/studio">Back to my designs</Link>.
      </p>
    </section>
  );
}
