import type { AuthorizationMatrix, Rule } from '../common/authorization';

/** The chairman who decides on a team: its commune's (a village team's commune, a commune's or district's own). */
const decides: Rule = { officer: 'the commune (or district) that decides on the team' };
const managesTeam: Rule = { officer: 'the team’s unit', leader: 'the team' };

/** Who may do what in the teams subgraph; enforced in `access.ts` and the resolvers, tested in `authorization.test.ts`. */
export const teamsAuthorization: AuthorizationMatrix = {
  subgraph: 'teams',
  mutations: {
    createTeam: decides,
    updateTeam: decides,
    appointLeader: decides,
    createSubGroup: managesTeam,
    changeMemberRole: managesTeam,
    updateMemberContact: managesTeam,
    requestToJoin: { anyone: true, note: 'a resident applies' },
    requestToLeave: managesTeam,
    recommendMembershipRequest: managesTeam,
    decideMembershipRequest: decides,
    createAdministrativeUnit: { officer: 'the parent unit', note: 'a province: ADMIN only' },
    setMemberLimit: { officer: 'the unit' },
  },
  fields: {
    'Member.fullName': { signedIn: true },
    'Member.phone': managesTeam,
    'Member.address': managesTeam,
    'MembershipRequest.applicantName': managesTeam,
    'MembershipRequest.applicantPhone': managesTeam,
    'MembershipRequest.applicantAddress': managesTeam,
    'Query.membershipRequests': managesTeam,
    'Query.teamsAuditTrail': { officer: 'the unit', note: 'without a unit, the whole trail: ADMIN only' },
  },
};
