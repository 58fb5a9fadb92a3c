import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from '../api/types';

export const MeContext = createContext<Me>({ user: { id: '', email: '', name: '', role: 'organizer' }, limits: { maxUploadBytes: 0 } });

/** The logged-in organizer and the server's limits. */
export const useMe = () => useContext(MeContext);
