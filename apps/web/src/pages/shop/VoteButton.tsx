import type { ProductView, VoteReply } from '@mogul/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { ProblemMessage } from '../../ui/forms';
import { useSession } from '../../ui/hooks';

/** Votes for the design and says what the API answered: counted, already counted, or why not. */
export function VoteButton(props: { design: ProductView; onVoted: (votes: number) => void }) {
  const { design, onVoted } = props;
  const session = useSession();
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);
  if (!session) {
    return (
      <p>
        <Link to={`/signin?next=${encodeURIComponent(`/designs/${design.id}`)}`}>Sign in to vote</Link>
      </p>
    );
  }
  const vote = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    setAnswer('');
    try {
      const reply = await api.post<VoteReply>(`/products/${design.id}/vote`);
      setAnswer(reply.votes === design.votes ? 'You have already voted for this design.' : 'Thank you: your vote is counted.');
      onVoted(reply.votes);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="vote">
      <button type="button" onClick={() => void vote()} aria-disabled={busy}>
        Vote
      </button>
      <p role="status" className="vote-answer">
        {answer}
      </p>
      <ProblemMessage problem={problem} />
    </div>
  );
}
