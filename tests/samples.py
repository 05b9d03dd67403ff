"""Articles we wrote for the tests: fictional outlets, people and places."""

HARBOR_STORY = """Valdoria and Kestria agree to reopen the Port Avel crossing
Talks in the border town ended after three days

Valdorian Foreign Minister Ilsa Marren said on Tuesday that the crossing at Port Avel would reopen to freight next month, ending a closure that has lasted nearly three years.

"We have reached an understanding that serves both our peoples," Marren told reporters after the talks. She added that customs officers from both sides would staff the crossing.

Tomas Fek, the Kestrian government spokesperson, said the agreement still had to be approved by parliament. Fek warned that any delay "could be costly for farmers on both sides".

The crossing was closed after a dispute over fishing quotas. Traders in Port Avel have complained for months about the cost of the detour through the northern passes.
"""

FOG_STORY = """Fog delays ferries across the Sallow Strait for a second day

Thick fog kept the ferries between Lindqvist Harbour and the island of Morrow in port on Wednesday, the second day of disruption this week.

The harbour master, Petra Osk, said crews would resume sailings once visibility rose above half a mile. "Safety comes first, and nobody sails blind," Osk said.

Passengers waiting at the terminal were offered hotel vouchers by the ferry operator, Strait Line, which said it expected a backlog of freight by the weekend.
"""
